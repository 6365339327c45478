# -*- coding: latin-1 -*-
from prefect import flow

NAME = "café"
