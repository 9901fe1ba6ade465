"""`make bench` (issue 9): the site served by gunicorn the production way and
measured with wrk against a ceiling from the same run. See bench/run.py."""
