/**
 * What-if: the parts of cdk-nag the library uses (NagPack, the rule enums), from cdk-nag's own
 * modules, without its index (which loads every rule pack and, through them, dozens of
 * aws-cdk-lib service modules). See whatif-nag-lite.ts.
 */
export * from 'cdk-nag/lib/nag-pack';
export * from 'cdk-nag/lib/nag-rules';
