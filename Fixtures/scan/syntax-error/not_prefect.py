def not_related(:
    pass
