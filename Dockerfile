# The production image: gunicorn for the web; the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media \
    CELERY_BEAT_SCHEDULE_FILENAME=/app/beat/celerybeat-schedule

RUN useradd --system --create-home --home-dir /home/otinish otinish
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir .
# collectstatic reads the settings; these placeholders exist only for this build step.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=postgres://build/build \
    REDIS_URL=redis://build:6379/0 SMS_BACKEND=console python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/beat && chown -R otinish /app/media /app/beat

USER otinish
EXPOSE 8000
# Behind nginx (docker-compose.yml), which reads requests whole before they reach gunicorn.
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", \
     "--worker-class", "gthread", "--workers", "2", "--threads", "8", "--timeout", "60", \
     "--limit-request-line", "0", "--access-logfile", "-"]
