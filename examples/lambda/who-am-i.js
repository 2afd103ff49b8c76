// Returns who called: the Cognito identity id and, for user-pool users, the pool id and user sub.
// API Gateway (AWS_IAM authorization, Lambda proxy) fills requestContext.identity from the SigV4 credentials.
exports.handler = async (event) => {
  const identity = (event.requestContext && event.requestContext.identity) || {};
  // "cognito-idp.<region>.amazonaws.com/<poolId>,cognito-idp.<region>.amazonaws.com/<poolId>:CognitoSignIn:<sub>"
  const provider = identity.cognitoAuthenticationProvider || '';
  const match = /\/([^/,:]+):CognitoSignIn:([^,:]+)$/.exec(provider);
  return {
    statusCode: 200,
    headers: {
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': process.env.ALLOWED_ORIGIN,
      'Vary': 'Origin',
    },
    body: JSON.stringify({
      identityId: identity.cognitoIdentityId || null,
      identityPoolId: identity.cognitoIdentityPoolId || null,
      authenticationType: identity.cognitoAuthenticationType || null,
      userPoolId: match ? match[1] : null,
      userSub: match ? match[2] : null,
    }),
  };
};
