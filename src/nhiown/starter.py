"""The starter inventory and config that ``nhiown init`` writes.

Every date is computed from the day it is written, and within the limits of
the policy it writes, so that ``nhiown check`` passes on that day. The policy
written is nhiown's default, spelled out so that it is easy to tighten.
"""

from __future__ import annotations

import datetime as dt

from nhiown.model import Policy

INVENTORY_NAME = "inventory.yaml"
CONFIG_NAME = ".nhiown.yaml"

_INVENTORY = """\
# A nhiown inventory: one entry per machine identity (service account, API key,
# token, bot...). Check it with `nhiown check`; `nhiown rules` explains every
# finding. Replace the two examples below with your own identities.
#
# Editor completion: run `nhiown schema -o nhiown.schema.json` and make this
# the first line of the file:
#   # yaml-language-server: $schema=./nhiown.schema.json

version: 1

identities:
  # A deploy bot that signs in through OIDC federation: no secret to rotate.
  - id: example-deploy-bot            # unique; lower case letters, digits, . _ -
    name: Example deploy bot
    kind: service_account             # service_account | api_key | oauth_app | bot |
                                      # ci_token | workload_identity | ssh_key |
                                      # certificate | other
    platform: github                  # free text: aws, gcp, k8s, vault, a SaaS name
    environment: production           # production | staging | development | other
    risk_tier: high                   # low | medium | high | critical: sets the limits
    purpose: Deploys the example service on merge to main
    workflow: example-release
    owners:
      business: alice@example.com     # answers for why it exists
      technical: bob@example.com      # can rotate, fix or remove it
    approval:                         # needed for high and critical tiers, by a
      by: carol@example.com           # person who is not an owner
      date: {today}
      ticket: SEC-1
    created: {today}
    expires: {high_expires}               # high: created + {high_lifetime} at most
    review:
      last: {today}
      next: {high_review}                # high: last + {high_review_interval} at most
      by: carol@example.com           # never an owner of the identity
    credential:
      type: keyless                   # secret | key | token | certificate | keyless
    scopes: [contents:read, deployments:write]
    offboarding:
      triggers: [workflow_retired, owner_role_change]

  # An API key: a secret, so it must be rotated within the tier's interval.
  - id: example-reporting-key
    name: Example reporting API key
    kind: api_key
    platform: example-saas
    environment: production
    risk_tier: low
    purpose: Reads usage figures for the monthly report
    workflow: monthly-report
    owners: {{business: alice@example.com, technical: bob@example.com}}
    created: {today}
    expires: {low_expires}
    review: {{last: {today}, next: {low_review}, by: carol@example.com}}
    credential:
      type: secret
      store: vault:secret/reporting/example   # where the secret lives, never its value
      last_rotated: {today}        # `nhiown rotate ID` records the next rotation
    scopes: [usage:read]
    offboarding:
      triggers: [vendor_replaced]
"""

_CONFIG = """\
# nhiown configuration: the policy the inventory is checked against, and the
# people who may own, approve and review identities. `nhiown check` finds this
# file in the working directory or a parent, up to the git root.

version: 1

policy:                               # every key is optional; these are the defaults
  timezone: UTC                       # "today" is computed here unless --today is given
  due_window: 30d                     # what `nhiown due` shows by default
  review_interval:                    # longest gap between two reviews
{review_interval}
  max_lifetime:                       # longest span from created to expires
{max_lifetime}
  rotation_interval:                  # longest gap between two secret rotations
{rotation_interval}
  max_scopes: 10
  approval_required: [high, critical]
  distinct_owners_required: [medium, high, critical]
  rules: {{}}                           # overrides, e.g. {{SCP002: error, REV003: off}}

# When this list is present, every owner must be in it and active.
people:
  - id: alice@example.com
    name: Alice Example
    team: example
  - id: bob@example.com
    name: Bob Example
    team: example
    aliases: [bob-gh]                 # other names for the same person (CI logins)
  - id: carol@example.com
    name: Carol Example
    team: security
"""


def starter_files(today: dt.date) -> dict[str, str]:
    """File name -> text of the starter inventory and config, dated ``today``."""
    policy = Policy()
    values = {"today": today.isoformat()}
    for tier in ("low", "high"):
        values[f"{tier}_expires"] = policy.max_lifetime[tier].after(today).isoformat()
        values[f"{tier}_review"] = policy.review_interval[tier].after(today).isoformat()
    values["high_lifetime"] = str(policy.max_lifetime["high"])
    values["high_review_interval"] = str(policy.review_interval["high"])
    for key in ("review_interval", "max_lifetime", "rotation_interval"):
        table = getattr(policy, key)
        values[key] = "\n".join(f"    {tier}: {span}" for tier, span in table.items())
    return {
        INVENTORY_NAME: _INVENTORY.format(**values),
        CONFIG_NAME: _CONFIG.format(**values),
    }
