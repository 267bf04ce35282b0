// The parameters in force for an org unit: core's defaults, then the overrides of its ancestors
// from the province down, the nearest unit's winning.
import { inArray } from 'drizzle-orm';
import { defaultParameters, type Parameters, withOverrides } from '../../core/parameters';
import type { Database } from '../database';
import { parameterOverrides } from '../schema';

/** Ancestor ids of a path '/1/4/9/', root first. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

export async function parametersFor(db: Database, orgPath: string): Promise<Parameters> {
  return (await parametersForPaths(db, [orgPath])).get(orgPath)!;
}

/** The parameters of several places at once, in one query. */
export async function parametersForPaths(
  db: Database,
  orgPaths: readonly string[],
): Promise<Map<string, Parameters>> {
  const allIds = [...new Set(orgPaths.flatMap(pathIds))];
  const rows =
    allIds.length === 0
      ? []
      : await db
          .select({
            orgUnitId: parameterOverrides.orgUnitId,
            name: parameterOverrides.name,
            value: parameterOverrides.value,
          })
          .from(parameterOverrides)
          .where(inArray(parameterOverrides.orgUnitId, allIds));
  const result = new Map<string, Parameters>();
  for (const orgPath of orgPaths) {
    let parameters = defaultParameters;
    for (const id of pathIds(orgPath)) {
      const overrides = Object.fromEntries(
        rows.filter((r) => r.orgUnitId === id).map((r) => [r.name, r.value]),
      );
      const applied = withOverrides(parameters, overrides);
      // A stored override that no longer fits (a parameter renamed or its bounds narrowed) is skipped.
      if (applied.ok) parameters = applied.parameters;
    }
    result.set(orgPath, parameters);
  }
  return result;
}
