from . import code_translations
from . import tools
from . import controllers
from . import models
from . import report
from . import wizards
