export * from './cognito-user-pool-auth';
