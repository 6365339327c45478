from cosmos import DbtDag


class TeamDbtDag(DbtDag):
    """cosmos builds the tasks; the team adds its defaults."""
