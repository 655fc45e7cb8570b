"""Translate a SAM template to plain CloudFormation JSON, offline.

Usage: python translate_sam.py TEMPLATE.yaml  (CloudFormation JSON on stdout)

No AWS call is made: the region and account are fixed, the managed-policy lookup is a stub, and
the AWS config and credential files are hidden. Local artifact paths (a function's CodeUri, a state
machine's DefinitionUri) are rewritten to s3://local-artifacts/<path relative to the template>, the
way `sam package` would after uploading them, so a check can map them back to files.
"""

import json
import os
import sys

# Before boto3 is imported by samtranslator: no config file, no credentials, no IMDS lookups.
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
os.environ["AWS_DEFAULT_REGION"] = "us-east-1"

import boto3  # noqa: E402
from samtranslator.parser.parser import Parser  # noqa: E402
from samtranslator.public.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.translator import Translator  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

LOCAL_BUCKET = "local-artifacts"


def to_local_s3_uri(path):
    # normpath keeps "." (the template's own directory: a CodeUri that `sam build` builds with a Makefile).
    return "s3://%s/%s" % (LOCAL_BUCKET, os.path.normpath(path).replace(os.sep, "/"))


def rewrite_local_paths(template):
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties")
        if not isinstance(properties, dict):
            continue
        kind = resource.get("Type")
        if kind == "AWS::Serverless::Function":
            uri = properties.get("CodeUri")
            if isinstance(uri, str) and not uri.startswith("s3://"):
                properties["CodeUri"] = to_local_s3_uri(uri)
        elif kind == "AWS::Serverless::StateMachine":
            uri = properties.get("DefinitionUri")
            if isinstance(uri, str) and not uri.startswith("s3://"):
                properties["DefinitionUri"] = to_local_s3_uri(uri)
    code_uri = template.get("Globals", {}).get("Function", {}).get("CodeUri")
    if isinstance(code_uri, str) and not code_uri.startswith("s3://"):
        template["Globals"]["Function"]["CodeUri"] = to_local_s3_uri(code_uri)


class AnyManagedPolicy(dict):
    """Stands in for IAM's ListPolicies: every AWS managed policy name maps to its usual ARN."""

    def get(self, name, default=None):
        return "arn:aws:iam::aws:policy/%s" % name


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: translate_sam.py TEMPLATE\n")
        return 2
    with open(sys.argv[1], encoding="utf-8") as handle:
        template = yaml_parse(handle.read())
    rewrite_local_paths(template)
    translator = Translator(
        managed_policy_map={},
        sam_parser=Parser(),
        boto_session=boto3.session.Session(region_name="us-east-1"),
    )
    try:
        translated = translator.translate(
            sam_template=template,
            parameter_values={"AWS::AccountId": "123456789012", "AWS::StackName": "template-check"},
            passthrough_metadata=True,
            get_managed_policy_map=AnyManagedPolicy,
        )
    except InvalidDocumentException as error:
        for cause in error.causes:
            sys.stderr.write("SAM translation failed: %s\n" % cause.message)
        return 1
    json.dump(translated, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
