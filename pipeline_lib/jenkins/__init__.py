"""Jenkins: render the Jenkinsfile and the seed jobs (jinja2), provision them (python-jenkins).

Modules: ``render`` (templates → files, needs only jinja2), ``client`` (the one wrapper
around python-jenkins), ``provision`` (idempotent create/update/skip), ``cli`` (``mlops
render`` and ``mlops seed``). Nothing is imported here, so that ``render`` works without the
``jenkins`` extra and no name shadows a module.
"""

__all__: list[str] = []
