#!/usr/bin/env python3
"""Generate a large, realistic compose file for benchmarks.

Each service uses the keys real projects use: image, command, restart,
environment, a secret, ports, named and bind volumes, networks, depends_on
with conditions, healthcheck, deploy replicas and limits, labels and logging.
About 940 bytes per service: 1,000 services make about 900 KB.

    python scripts/gen_compose.py 1000 > /tmp/compose-1000.yml
"""

from __future__ import annotations

import argparse
import sys

SERVICE = """\
  svc{i:05d}:
    image: registry.example.com/team{team}/app{i}:1.{minor}.{patch}
    command: ["/usr/local/bin/app", "--port", "{port}"]
    restart: unless-stopped
    environment:
      APP_NAME: svc{i:05d}
      APP_PORT: "{port}"
      DATABASE_HOST: db{team}
      DATABASE_PASSWORD_FILE: /run/secrets/db_password
      LOG_FORMAT: json
    secrets:
      - db_password
    ports:
      - "{published}:{port}"
    volumes:
      - data{team}:/var/lib/app{i}
      - ./config/app{i}.yaml:/etc/app/config.yaml:ro
    networks:
      - frontend
      - backend
    depends_on:
{depends}    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://localhost:{port}/healthz"]
      interval: 30s
      timeout: 5s
      retries: 3
    deploy:
      replicas: {replicas}
      resources:
        limits:
          cpus: "0.50"
          memory: 256M
    labels:
      com.example.team: team{team}
    logging:
      driver: json-file
      options:
        max-size: 10m
"""

DEPENDS = "      svc{dep:05d}:\n        condition: service_healthy\n"
NO_DEPENDS = "      db{team}:\n        condition: service_started\n"
DATABASE = """\
  db{team}:
    image: postgres:16.3
    environment:
      POSTGRES_DB: team{team}
    volumes:
      - data{team}:/var/lib/postgresql/data
    networks:
      - backend
"""


def generate(count: int) -> str:
    teams = max(1, count // 50)
    parts = ["name: bench\nservices:\n"]
    for team in range(teams):
        parts.append(DATABASE.format(team=team))
    for i in range(count - teams):
        team = i % teams
        depends = DEPENDS.format(dep=i - 1) if i % 4 and i > 0 else NO_DEPENDS.format(team=team)
        parts.append(
            SERVICE.format(
                i=i,
                team=team,
                minor=i % 7,
                patch=i % 13,
                port=8000 + i % 1000,
                published=20000 + i,
                depends=depends,
                replicas=1 + i % 3,
            )
        )
    parts.append("networks:\n  frontend: {}\n  backend:\n    internal: true\nvolumes:\n")
    parts.extend(f"  data{team}: {{}}\n" for team in range(teams))
    parts.append("secrets:\n  db_password:\n    file: ./secrets/db_password.txt\n")
    return "".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("services", type=int, help="number of services")
    args = parser.parse_args()
    sys.stdout.write(generate(args.services))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
