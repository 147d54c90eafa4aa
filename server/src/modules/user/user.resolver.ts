import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { ListArgs, ListMetadata } from '../../common/crud/resource';
import { Role } from '../../common/roles';
import { Organization } from '../organization/organization.entity';
import { StaffMember } from '../staff/staff.entity';
import { User } from './user.entity';
import { userService } from './user.service';

@InputType('UserFilter', { description: 'Filters of the User list.' })
class UserFilter {
  @Field(() => String, { nullable: true, description: 'Sign-in or display name; accents ignored.' })
  q?: string;
  @Field(() => [ID], { nullable: true })
  ids?: string[];
  @Field(() => Role, { nullable: true })
  role?: Role;
  @Field(() => ID, { nullable: true })
  organizationId?: string;
  @Field(() => ID, { nullable: true })
  staffMemberId?: string;
  @Field(() => Boolean, { nullable: true })
  disabled?: boolean;
}

const ROLE_LINKS =
  'AGENCY_OFFICER needs organizationId; GROUP_MEMBER needs staffMemberId (its organization is then the staff member’s); ADMIN, ANALYST and VIEWER carry neither.';

@ArgsType()
class CreateUserArgs {
  @Field(() => String, {
    description: '3–50 lower-case letters, digits, dots, dashes or underscores; unique.',
  })
  username: string;
  @Field(() => String)
  displayName: string;
  @Field(() => String, { description: 'At least 12 characters.' })
  password: string;
  @Field(() => Role, { description: ROLE_LINKS })
  role: Role;
  @Field(() => ID, { nullable: true })
  organizationId?: string | null;
  @Field(() => ID, { nullable: true })
  staffMemberId?: string | null;
  @Field(() => Boolean, { nullable: true })
  disabled?: boolean | null;
}

@ArgsType()
class UpdateUserArgs {
  @Field(() => ID)
  id: string;
  @Field(() => Int, {
    nullable: true,
    description: 'The version edited; a different current version is a CONFLICT.',
  })
  version?: number | null;
  @Field(() => String, { nullable: true })
  displayName?: string | null;
  @Field(() => Role, {
    nullable: true,
    description: `${ROLE_LINKS} Changing it ends the user's sessions.`,
  })
  role?: Role | null;
  @Field(() => ID, { nullable: true, description: "Changing it ends the user's sessions." })
  organizationId?: string | null;
  @Field(() => ID, { nullable: true, description: "Changing it ends the user's sessions." })
  staffMemberId?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "Disabling ends the user's sessions; users are disabled, never deleted.",
  })
  disabled?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: "A new password (at least 12 characters); ends the user's other sessions.",
  })
  password?: string | null;
}

/** Accounts and roles, for administrators only. There is no deleteUser: users are disabled. */
@Resolver(() => User)
export class UserResolver {
  @Authorized([Role.ADMIN])
  @Query(() => [User], { name: 'allUsers', description: 'A page of users.' })
  list(
    @Args(() => ListArgs) list: ListArgs,
    @Arg('filter', () => UserFilter, { nullable: true }) filter: UserFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return userService.list(ctx, list, { ...filter });
  }

  @Authorized([Role.ADMIN])
  @Query(() => ListMetadata, { name: '_allUsersMeta' })
  async meta(
    @Args(() => ListArgs) _list: ListArgs,
    @Arg('filter', () => UserFilter, { nullable: true }) filter: UserFilter | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ListMetadata> {
    return { count: await userService.count(ctx, { ...filter }) };
  }

  @Authorized([Role.ADMIN])
  @Query(() => User, { name: 'User', description: 'One user; NOT_FOUND if the id does not exist.' })
  one(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return userService.get(ctx, id);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => User, { name: 'createUser' })
  create(@Args(() => CreateUserArgs) args: CreateUserArgs, @Ctx() ctx: RequestContext) {
    return userService.create(ctx, { ...args });
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => User, { name: 'updateUser' })
  update(@Args(() => UpdateUserArgs) args: UpdateUserArgs, @Ctx() ctx: RequestContext) {
    return userService.update(ctx, { ...args });
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => Int, {
    name: 'revokeUserSessions',
    description: 'Signs the user out of every browser at once; returns how many sessions ended.',
  })
  revokeSessions(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return userService.revokeSessions(ctx, id);
  }

  @Authorized([Role.ADMIN])
  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() user: User, @Ctx() ctx: RequestContext) {
    return user.organizationId ? ctx.loaders.byId(Organization).load(user.organizationId) : null;
  }

  @Authorized([Role.ADMIN])
  @FieldResolver(() => StaffMember, { nullable: true })
  staffMember(@Root() user: User, @Ctx() ctx: RequestContext) {
    return user.staffMemberId ? ctx.loaders.byId(StaffMember).load(user.staffMemberId) : null;
  }
}

/** Users and roles managed by administrators. */
export const userResolvers: Function[] = [UserResolver];
