from . import code_translations
from . import controllers
from . import models
from . import report
from . import wizards
from . import demo
