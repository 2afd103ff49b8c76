#!/usr/bin/env python3
"""The reference app in Python: the same stacks as examples/app.ts, from the PyPI package.

Users sign in to the user pool, trade the ID token at the identity pool for credentials of the
authenticated role (or their group's role), call the IAM-authorized API with SigV4, and read and
write their department's area and their own private area in S3, selected by a principal tag.

``python app.py`` (or ``cdk synth`` with this directory's cdk.json) synthesizes into
``cdk.out/``, or into ``$CDK_OUTDIR``. ``npx projen proof:python`` checks that the templates
equal those of the TypeScript app, so keep the two files in step: same construct ids, same
props, same order of calls.
"""
from pathlib import Path
from typing import List, Optional

import aws_cdk as cdk
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from cdk_cognito_access import (
    ApiCorsOptions,
    ClientConfigOptions,
    CognitoUserPoolAuth,
    DepartmentBucketCors,
    DepartmentIsolation,
    DepartmentSpec,
    FederatedIdentityPool,
    IamAuthorizedApi,
    PerDepartmentBucketAccess,
    RouteAccess,
    UserPoolGroupSpec,
)

# The departments of the reference app; each is a user-pool group.
DEPARTMENTS = ["finance", "hr", "engineering"]

# The browser origin allowed to call the API and upload to S3.
WEB_ORIGIN = "https://app.example.com"

# The Lambda function's code, shared with the TypeScript app.
WHO_AM_I_SOURCE = Path(__file__).resolve().parent.parent / "lambda" / "who-am-i.js"


class ReferenceStack(cdk.Stack):
    """The four constructs of cdk-cognito-access wired the way the seeds describe."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        departments: Optional[List[str]] = None,
        **kwargs,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        departments = departments if departments is not None else DEPARTMENTS

        # 1. Who the user is: a user pool with one group per department and the department attribute.
        self.auth = CognitoUserPoolAuth(
            self,
            "Auth",
            groups=[
                UserPoolGroupSpec(name=name, description=f"The {name} department")
                for name in departments
            ],
            custom_attributes={
                # Immutable: set by an administrator at user creation; the department can never be edited by the user.
                "department": cognito.StringAttribute(min_len=1, max_len=40, mutable=False),
            },
            callback_urls=[f"{WEB_ORIGIN}/callback"],
            logout_urls=[f"{WEB_ORIGIN}/"],
        )

        # 2. What the user may do: the identity pool, with the department carried as a session tag.
        self.identities = FederatedIdentityPool(
            self,
            "Identities",
            user_pool_auth=self.auth,
            group_roles=["finance"],
            client_config=ClientConfigOptions(),
        )

        # 3. An API authorized by IAM: every signed-in user, and the finance group only.
        self.api = IamAuthorizedApi(
            self,
            "Api",
            identity_pool=self.identities,
            cors=ApiCorsOptions(allow_origins=[WEB_ORIGIN]),
        )
        # Its own log group and a role that may write only there (no AWS managed policy).
        who_am_i_logs = logs.LogGroup(self, "WhoAmILogs", retention=logs.RetentionDays.ONE_YEAR)
        who_am_i_role = iam.Role(
            self, "WhoAmIRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com")
        )
        who_am_i_logs.grant_write(who_am_i_role)
        who_am_i = lambda_.Function(
            self,
            "WhoAmI",
            runtime=lambda_.Runtime.NODEJS_24_X,
            role=who_am_i_role,
            log_group=who_am_i_logs,
            handler="index.handler",
            # Inline, so the TypeScript and Python apps synthesize the same template (no asset hash).
            code=lambda_.Code.from_inline(WHO_AM_I_SOURCE.read_text(encoding="utf-8")),
            description="Returns the caller's identity id and user-pool sub",
            environment={"ALLOWED_ORIGIN": WEB_ORIGIN},
            memory_size=256,
            timeout=cdk.Duration.seconds(10),
        )
        integration = apigateway.LambdaIntegration(who_am_i)
        self.api.add_route("/me", "GET", integration)
        self.api.add_route(
            "/finance/report", "GET", integration, access=RouteAccess.groups(["finance"])
        )

        # 4. Per-department S3 areas, one bucket, the department from the custom:department attribute.
        self.storage = PerDepartmentBucketAccess(
            self,
            "Storage",
            identity_pool=self.identities,
            isolation=DepartmentIsolation.PREFIX_PER_DEPARTMENT,
            department_attribute="custom:department",
            departments=[DepartmentSpec(name=name) for name in departments],
            cors=DepartmentBucketCors(allowed_origins=[WEB_ORIGIN]),
        )

        self.identities.add_client_config("apiUrl", self.api.url)
        self.identities.add_client_config("bucketName", self.storage.bucket.bucket_name)


def add_reference_stacks(app: cdk.App, *, departments: Optional[List[str]] = None) -> List[cdk.Stack]:
    """Adds the reference stacks to an app."""
    return [ReferenceStack(app, "CognitoAccessReference", departments=departments)]


if __name__ == "__main__":
    app = cdk.App()
    add_reference_stacks(app)
    app.synth()
