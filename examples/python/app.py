#!/usr/bin/env python3
"""The reference app in Python: the same stacks as examples/app.ts, from the PyPI package.

``python app.py`` (or ``cdk synth`` with this directory's cdk.json) synthesizes into
``cdk.out/``, or into ``$CDK_OUTDIR``. ``npx projen proof:python`` checks that the templates
equal those of the TypeScript app, so keep the two files in step: same construct ids, same
props, same order.
"""
from typing import List

import aws_cdk as cdk
from constructs import Construct

from cdk_cognito_access import CognitoUserPoolAuth, UserPoolGroupSpec

# The departments of the reference app; each is a user-pool group.
DEPARTMENTS = ["finance", "hr", "engineering"]


class ReferenceStack(cdk.Stack):
    """The constructs of cdk-cognito-access wired the way the seeds describe."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.auth = CognitoUserPoolAuth(
            self,
            "Auth",
            groups=[
                UserPoolGroupSpec(name=name, description=f"The {name} department")
                for name in DEPARTMENTS
            ],
        )


def add_reference_stacks(app: cdk.App) -> List[cdk.Stack]:
    """Adds the reference stacks to an app."""
    return [ReferenceStack(app, "CognitoAccessReference")]


if __name__ == "__main__":
    app = cdk.App()
    add_reference_stacks(app)
    app.synth()
