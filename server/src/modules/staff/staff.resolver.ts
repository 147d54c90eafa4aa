import { Arg, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { buildCrudResolvers } from '../../common/crud/resource';
import { LocalDateScalar } from '../../common/scalars';
import { StaffAssignment, StaffMember, TitleRank } from './staff.entity';
import {
  assignmentOn,
  assignmentsOf,
  staffAssignmentService,
  staffMemberService,
} from './staff.service';

@Resolver(() => StaffMember)
export class StaffTitleResolver {
  @Authorized()
  @FieldResolver(() => TitleRank, { nullable: true, description: 'Title held today.' })
  async titleRank(@Root() staff: StaffMember, @Ctx() ctx: RequestContext) {
    return assignmentOn(await assignmentsOf(ctx).load(staff.id))?.titleRank ?? null;
  }

  @Authorized()
  @FieldResolver(() => TitleRank, {
    nullable: true,
    description: 'Title held on a given date (default: today).',
  })
  async titleOn(
    @Root() staff: StaffMember,
    @Arg('date', () => LocalDateScalar, { nullable: true }) date: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return (
      assignmentOn(await assignmentsOf(ctx).load(staff.id), date ?? undefined)?.titleRank ?? null
    );
  }

  @Authorized()
  @FieldResolver(() => [StaffAssignment], { description: 'Title periods, oldest first.' })
  assignments(@Root() staff: StaffMember, @Ctx() ctx: RequestContext) {
    return assignmentsOf(ctx).load(staff.id);
  }
}

export const staffResolvers = [
  ...buildCrudResolvers({
    entity: StaffMember,
    name: 'StaffMember',
    plural: 'StaffMembers',
    service: staffMemberService,
  }),
  ...buildCrudResolvers({
    entity: StaffAssignment,
    name: 'StaffAssignment',
    plural: 'StaffAssignments',
    service: staffAssignmentService,
  }),
  StaffTitleResolver,
];
