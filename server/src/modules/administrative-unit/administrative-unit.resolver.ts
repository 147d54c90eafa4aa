import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { buildCrudResolvers } from '../../common/crud/resource';
import { AdministrativeUnit } from './administrative-unit.entity';
import { administrativeUnitService } from './administrative-unit.service';
import { AdministrativeUnitSuccession } from './administrative-unit-succession.entity';
import { administrativeUnitSuccessionService } from './administrative-unit-succession.service';
import { fullNameOf } from './full-name';

/** Ids a unit's history function returns, per unit, batched for the request. */
function idsBy(ctx: RequestContext, fn: 'plan68_unit_lineage' | 'plan68_unit_current') {
  return ctx.loaders.named<string, string[]>(`unit:${fn}`, async (units) => {
    const rows: { unit: string; id: string }[] = await ctx.db.query(
      `SELECT u.unit, f.id FROM unnest($1::uuid[]) u(unit) CROSS JOIN LATERAL ${fn}(u.unit) f(id)`,
      [units],
    );
    return units.map((unit) => rows.filter((r) => r.unit === unit).map((r) => r.id));
  });
}

async function unitsOf(ctx: RequestContext, ids: string[]): Promise<AdministrativeUnit[]> {
  const units = await ctx.loaders.byId<AdministrativeUnit>(AdministrativeUnit).loadMany(ids);
  return units
    .filter((u): u is AdministrativeUnit => !!u && !(u instanceof Error))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

@Resolver(() => AdministrativeUnit)
export class AdministrativeUnitHistoryResolver {
  @Authorized()
  @FieldResolver(() => String, {
    description:
      'The unit with its parents as it was, e.g. "xã Xuân Sơn Bắc, huyện Đồng Xuân, tỉnh Phú Yên" (after 2025 a commune sits under its province).',
  })
  fullName(@Root() unit: AdministrativeUnit, @Ctx() ctx: RequestContext) {
    return fullNameOf(unit, (id) =>
      ctx.loaders.byId<AdministrativeUnit>(AdministrativeUnit).load(id),
    );
  }

  @Authorized()
  @FieldResolver(() => [AdministrativeUnitSuccession], {
    description: 'What this unit came from: the links whose successor it is.',
  })
  predecessors(@Root() unit: AdministrativeUnit, @Ctx() ctx: RequestContext) {
    return ctx.loaders
      .childrenOf<AdministrativeUnitSuccession>(AdministrativeUnitSuccession, 'successorId', {
        effectiveDate: 'DESC',
      })
      .load(unit.id);
  }

  @Authorized()
  @FieldResolver(() => [AdministrativeUnitSuccession], {
    description: 'What this unit became: the links whose predecessor it is.',
  })
  successors(@Root() unit: AdministrativeUnit, @Ctx() ctx: RequestContext) {
    return ctx.loaders
      .childrenOf<AdministrativeUnitSuccession>(AdministrativeUnitSuccession, 'predecessorId', {
        effectiveDate: 'DESC',
      })
      .load(unit.id);
  }

  @Authorized()
  @FieldResolver(() => [AdministrativeUnit], {
    description:
      'Today’s unit(s) this one became, following its successors to the end (itself when it has none).',
  })
  async currentUnits(@Root() unit: AdministrativeUnit, @Ctx() ctx: RequestContext) {
    return unitsOf(ctx, await idsBy(ctx, 'plan68_unit_current').load(unit.id));
  }

  @Authorized()
  @FieldResolver(() => [AdministrativeUnit], {
    description:
      'Every unit whose history leads to this one (its predecessors, recursively): what “today’s unit” gathers.',
  })
  async formerUnits(@Root() unit: AdministrativeUnit, @Ctx() ctx: RequestContext) {
    const ids = await idsBy(ctx, 'plan68_unit_lineage').load(unit.id);
    return unitsOf(
      ctx,
      ids.filter((id) => id !== unit.id),
    );
  }
}

export const administrativeUnitResolvers = [
  ...buildCrudResolvers({
    entity: AdministrativeUnit,
    name: 'AdministrativeUnit',
    plural: 'AdministrativeUnits',
    service: administrativeUnitService,
  }),
  ...buildCrudResolvers({
    entity: AdministrativeUnitSuccession,
    name: 'AdministrativeUnitSuccession',
    plural: 'AdministrativeUnitSuccessions',
    service: administrativeUnitSuccessionService,
  }),
  AdministrativeUnitHistoryResolver,
];
