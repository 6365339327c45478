from prefect import flow

NAME = "café"
