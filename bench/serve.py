"""odoo-bin for the load test: the same server, without the websocket (gevent) worker of prefork
mode, which the load does not use (and which needs packages a test machine may lack).

Odoo's prefork master loads the registry before it forks the workers, but each worker then
builds on its first requests what the registry computes lazily: the triggers of the computed
fields (at its first write: seconds on a registry of this size) and the translations of the code
(at its first request in a language). A production worker pays that once in tens of thousands of
requests; a load of one minute on fresh workers would measure mostly that. The master builds
them once here, for both sides of the load alike, and the workers inherit them.
"""

import sys

import odoo
from odoo.modules.registry import Registry
from odoo.service import server
from odoo.tools.translate import code_translations

server.PreforkServer.long_polling_spawn = lambda self: None
_preload_registries = server.preload_registries


def preload_warm_registries(dbnames):
    result = _preload_registries(dbnames)
    for dbname in dbnames or []:
        registry = Registry(dbname)
        registry._field_triggers  # noqa: B018 - a lazy property: computed once, then kept
        with registry.cursor() as cr:
            cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")
            modules = [name for (name,) in cr.fetchall()]
            cr.execute("SELECT code FROM res_lang WHERE active AND code != 'en_US'")
            languages = [code for (code,) in cr.fetchall()]
        for lang in languages:
            for module in modules:
                code_translations.get_python_translations(module, lang)
    return result


server.preload_registries = preload_warm_registries

if __name__ == "__main__":
    sys.argv[0] = "odoo-bin"
    odoo.cli.main()
