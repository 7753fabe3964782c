import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "livingwell.config.settings")
application = get_wsgi_application()
# Everything loaded to start the site lives as long as the process: keep it out of the garbage
# collector's sweeps, which otherwise walk all of it now and then in the middle of a request.
gc.freeze()
