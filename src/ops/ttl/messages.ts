/**
 * Time to Live errors. Wording: DynamoDB Local 1.25.1 (test/golden/ttl/errors.json) unless noted;
 * "real" ones were quoted from the service by the ack-api-quirks DynamoDB catalogue (2026-10-09,
 * table-subresources: DDB-TABLE-143/144/147), which probed UpdateTimeToLive/DescribeTimeToLive.
 */
import { resourceNotFound, validation } from '../../errors.js';

export const T = {
  noSuchTable: () => resourceNotFound('Cannot do operations on a non-existent table'),
  alreadyEnabled: () => validation('TimeToLive is already enabled'),
  alreadyDisabled: () => validation('TimeToLive is already disabled'),
  /** real: the service names the attribute TTL is on (DynamoDB Local stops after "AttributeName"). */
  otherAttribute: (current: string) =>
    validation(`TimeToLive is active on a different AttributeName: current AttributeName is ${current}`),
  /** real: a second change within the cooldown after a successful one. */
  tooManyChanges: () => validation('Time to live has been modified multiple times within a fixed interval'),
  /** real: DescribeTimeToLive on a CREATING or DELETING table. */
  notDescribable: (status: string) => validation(`Cannot describe time to live while table is in ${status} state`),
};
