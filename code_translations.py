"""Serve the code terms of helpdesk_mgmt that this addon translates.

helpdesk_mgmt ships no Chinese. Its terms are translated in ``i18n_extra/zh_CN.po``, a file in
helpdesk_mgmt's own format (built from its ``helpdesk_mgmt.pot``, ready to be taken upstream).
Odoo loads the model terms of that file (menus, views, fields, stages, mail templates: named by
helpdesk_mgmt's xmlids) with this addon's translations, at install, update and language load.

Code terms are different: ``self.env._()`` and JavaScript ``_t()`` are looked up at run time in
the po files of the module that holds the code (``CodeTranslations`` reads
``<module>/i18n/<lang>.po``), so helpdesk_mgmt's portal sort, filter and search labels would stay
English. This hook adds the helpdesk_mgmt code terms of ``i18n_extra`` to helpdesk_mgmt's
lookup, behind any translation helpdesk_mgmt ships itself.
"""

from contextlib import suppress

from odoo.tools import OrderedSet
from odoo.tools.misc import file_open, file_path
from odoo.tools.translate import CodeTranslations

TRANSLATED_MODULES = ("helpdesk_mgmt",)

_module_code_translations = CodeTranslations._get_code_translations


def _extra_po_paths(lang):
    for name in OrderedSet([lang.split("_")[0], lang]):
        with suppress(FileNotFoundError):
            yield file_path(f"property_service_desk/i18n_extra/{name}.po")


def _translations_from_this_addon(module_name, lang, filter_func):
    def of_module(row):
        return row.get("module") == module_name and filter_func(row)

    translations = {}
    for po_path in _extra_po_paths(lang):
        with file_open(po_path, mode="rb") as po_file:
            translations.update(CodeTranslations._read_code_translations_file(po_file, of_module))
    return translations


def _get_code_translations(module_name, lang, filter_func):
    translations = _module_code_translations(module_name, lang, filter_func)
    if module_name not in TRANSLATED_MODULES:
        return translations
    return {**_translations_from_this_addon(module_name, lang, filter_func), **translations}


CodeTranslations._get_code_translations = staticmethod(_get_code_translations)
