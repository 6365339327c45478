"""prefect_docker.deployments.steps without Docker: the outputs the real steps return."""
import json
import os


def _record(step, **arguments):
    with open(os.environ["ACME_STUB_LOG"], "a") as log:
        log.write(json.dumps({"step": step, "cwd": os.path.basename(os.getcwd()), **arguments}, sort_keys=True) + "\n")


def build_docker_image(image_name, tag=None, dockerfile="Dockerfile", additional_tags=None, ignore_cache=False, **build_kwargs):
    # The real step builds with the working folder as context and the Dockerfile relative to it:
    # a file deployed from the wrong folder (pipelines/x/Dockerfile read from inside pipelines/x) fails.
    if dockerfile != "auto" and not os.path.isfile(dockerfile):
        raise FileNotFoundError(f"Dockerfile {dockerfile!r} not found from {os.getcwd()}")
    _record("build_docker_image", image_name=image_name, tag=tag, dockerfile=dockerfile, **build_kwargs)
    return {"image_name": image_name, "tag": tag, "image": f"{image_name}:{tag}", "image_id": "sha256:stub", "additional_tags": additional_tags or []}


def push_docker_image(image_name, tag=None, credentials=None, additional_tags=None, ignore_cache=False):
    _record("push_docker_image", image_name=image_name, tag=tag)
    return {"image_name": image_name, "tag": tag, "image": f"{image_name}:{tag}", "additional_tags": additional_tags or []}
