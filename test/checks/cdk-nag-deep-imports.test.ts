import * as nag from 'cdk-nag';
import * as nagPack from 'cdk-nag/lib/nag-pack';
import * as nagRules from 'cdk-nag/lib/nag-rules';

// The rule pack imports cdk-nag's NagPack and rule enums by deep path, so that loading this library
// does not load cdk-nag's index (every rule pack, ~270 files). If a cdk-nag release moves them,
// this fails before users do.
describe('cdk-nag deep imports', () => {
  test('lib/nag-pack and lib/nag-rules export the same objects as the index', () => {
    expect(nagPack.NagPack).toBe(nag.NagPack);
    expect(nagRules.NagRuleCompliance).toBe(nag.NagRuleCompliance);
    expect(nagRules.NagMessageLevel).toBe(nag.NagMessageLevel);
  });
});
