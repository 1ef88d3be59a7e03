"""odoo-bin for the load test: the same server, without the websocket (gevent) worker of prefork
mode, which the load does not use (and which needs packages a test machine may lack)."""

import sys

import odoo
from odoo.service import server

server.PreforkServer.long_polling_spawn = lambda self: None

if __name__ == "__main__":
    sys.argv[0] = "odoo-bin"
    odoo.cli.main()
