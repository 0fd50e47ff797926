/**
 * The cluster of the leaderless region tests, as scenario lines: three nodes of two cores in us-east (zone use1) and
 * three in eu-west (zone euw1), so that `replicas: { us-east: 3, eu-west: 3 }` puts every key on all six.
 */
export const TWO_REGION_NODES = [
  'nodes:',
  '  - { group: us, count: 3, cores: 2, zone: use1 }',
  '  - { group: eu, count: 3, cores: 2, zone: euw1 }',
  'zones:',
  '  use1: { region: us-east }',
  '  euw1: { region: eu-west }',
] as const;
