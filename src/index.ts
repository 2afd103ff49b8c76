export * from './cognito-user-pool-auth';
export * from './federated-identity-pool';
export * from './checks';
export * from './per-department-bucket-access';
export * from './iam-authorized-api';
