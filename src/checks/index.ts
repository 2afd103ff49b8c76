export * from './cognito-access-checks';
