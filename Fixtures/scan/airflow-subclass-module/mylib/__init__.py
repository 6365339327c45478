from .dags import TeamDAG

__all__ = ["TeamDAG"]
