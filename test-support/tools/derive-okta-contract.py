#!/usr/bin/env python3
"""Derives the test contract from Okta's official OpenAPI spec.

Keeps only the facts a client or simulator is checked against (paths, operations, parameters,
schemas, types, formats, enums, defaults, required fields, status codes) and drops every piece of
prose: descriptions, summaries, titles, examples, external docs, vendor extensions.

Usage (from the project root, with the reference copy beside the clone):
  python3 test-support/tools/derive-okta-contract.py ../shared/okta/users-subset.yaml \
      > test-support/src/main/resources/okta/users-contract.yaml
"""
import sys
import yaml

PROSE = {"description", "summary", "title", "example", "examples", "externalDocs",
         "termsOfService", "contact", "tags"}


def strip(node, under_properties=False):
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if not under_properties and (key in PROSE or str(key).startswith("x-")):
                continue
            out[key] = strip(value, under_properties=(key == "properties" and not under_properties))
        return out
    if isinstance(node, list):
        return [strip(item) for item in node]
    return node


def main(path):
    with open(path, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    version = spec.get("info", {}).get("version", "unknown")
    contract = strip(spec)
    contract["info"] = {
        "title": "okta-provisioning test contract",
        "version": version,
        "license": {"name": "Apache-2.0", "url": "https://www.apache.org/licenses/LICENSE-2.0.html"},
    }
    for scheme in contract.get("components", {}).get("securitySchemes", {}).values():
        for flow in scheme.get("flows", {}).values():
            flow["scopes"] = {name: "" for name in flow.get("scopes", {})}
    for server in contract.get("servers", []):
        for variable in server.get("variables", {}).values():
            variable.pop("description", None)
    sys.stdout.write(
        "# Derived from Okta's Admin Management API OpenAPI spec, version %s\n"
        "# (okta/okta-management-openapi-spec, dist/current/management-minimal.yaml, users subset),\n"
        "# licensed under Apache-2.0. Only facts are kept: paths, parameters, types, enums and\n"
        "# required fields; all descriptions, summaries and examples are removed.\n"
        "# Regenerate with test-support/tools/derive-okta-contract.py.\n" % version)
    yaml.safe_dump(contract, sys.stdout, sort_keys=False, allow_unicode=True, width=120)


if __name__ == "__main__":
    main(sys.argv[1])
