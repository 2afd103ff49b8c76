package io.github.cdkcognitoaccess.examples;

import io.github.cdkcognitoaccess.CognitoUserPoolAuth;
import io.github.cdkcognitoaccess.UserPoolGroupSpec;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/**
 * One stack with a CognitoUserPoolAuth and a group, synthesized into $CDK_OUTDIR (or cdk.out).
 *
 * <p>Proves that the Maven artifact loads, that its builders map to the TypeScript props, and
 * that the construct synthesizes from Java.
 */
public final class UserPoolApp {
  private UserPoolApp() {}

  public static void main(final String[] args) {
    App app = new App();
    Stack stack = new Stack(app, "CognitoAccessJava");
    CognitoUserPoolAuth.Builder.create(stack, "Auth")
        .groups(List.of(UserPoolGroupSpec.builder()
            .name("finance")
            .description("The finance department")
            .build()))
        .build();
    app.synth();
  }
}
