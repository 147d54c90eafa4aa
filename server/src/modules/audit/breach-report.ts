import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { isUuid } from '../../common/crud/normalize';
import { BadInputError, notFound } from '../../common/errors';
import { User } from '../user/user.entity';

@ObjectType({ description: 'A household whose personal data the account read.' })
export class BreachHousehold {
  @Field(() => ID)
  householdId: string;
  @Field(() => String, {
    nullable: true,
    description: 'Null when the household was deleted since.',
  })
  headName: string | null;
  @Field(() => String, { nullable: true })
  villageName: string | null;
  @Field(() => Int)
  reads: number;
  @Field(() => Date)
  firstReadAt: Date;
  @Field(() => Date)
  lastReadAt: Date;
}

@ObjectType({
  description: 'What a compromised account read, for the notification due within 72 hours.',
})
export class BreachReport {
  @Field(() => ID)
  userId: string;
  @Field(() => String)
  username: string;
  @Field(() => Date)
  from: Date;
  @Field(() => Date)
  to: Date;
  @Field(() => Int, { description: 'Access log entries in the window (reads, exports, reveals).' })
  accessCount: number;
  @Field(() => Int)
  exportCount: number;
  @Field(() => Int)
  revealCount: number;
  @Field(() => [BreachHousehold])
  households: BreachHousehold[];
  @Field(() => String, {
    description: 'A draft notification to the A05 department, in Vietnamese.',
  })
  notificationText: string;
}

const format = (date: Date) =>
  date.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false });

export async function breachReport(
  ctx: RequestContext,
  userId: string,
  from: Date,
  to: Date,
): Promise<BreachReport> {
  if (!isUuid(userId)) throw notFound('User', userId);
  if (to < from) throw BadInputError.of('to', 'afterFrom', 'must not be before from');
  const user = await ctx.db.findOneBy(User, { id: userId });
  if (!user) throw notFound('User', userId);
  const [counts] = (await ctx.db.query(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE action = 'EXPORT')::int AS exports,
            count(*) FILTER (WHERE action = 'REVEAL')::int AS reveals
       FROM access_log WHERE user_id = $1 AND at BETWEEN $2 AND $3`,
    [userId, from, to],
  )) as { total: number; exports: number; reveals: number }[];
  const rows = (await ctx.db.query(
    `SELECT x.household_id, h.head_name, v.name AS village_name, count(*)::int AS reads,
            min(a.at) AS first_read_at, max(a.at) AS last_read_at
       FROM access_log a
      CROSS JOIN LATERAL unnest(a.household_ids) AS x(household_id)
       LEFT JOIN households h ON h.id = x.household_id
       LEFT JOIN administrative_units v ON v.id = h.village_id
      WHERE a.user_id = $1 AND a.at BETWEEN $2 AND $3
      GROUP BY x.household_id, h.head_name, v.name
      ORDER BY h.head_name COLLATE "vi-VN-x-icu" NULLS LAST, x.household_id`,
    [userId, from, to],
  )) as {
    household_id: string;
    head_name: string | null;
    village_name: string | null;
    reads: number;
    first_read_at: Date;
    last_read_at: Date;
  }[];
  const households = rows.map((row) => ({
    householdId: row.household_id,
    headName: row.head_name,
    villageName: row.village_name,
    reads: row.reads,
    firstReadAt: row.first_read_at,
    lastReadAt: row.last_read_at,
  }));
  const notificationText = [
    'THÔNG BÁO VI PHẠM QUY ĐỊNH VỀ BẢO VỆ DỮ LIỆU CÁ NHÂN',
    'Kính gửi: Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (A05), Bộ Công an.',
    `Tài khoản "${user.username}" (${user.displayName}) của hệ thống quản lý Kế hoạch 68 có dấu hiệu bị chiếm quyền.`,
    `Trong khoảng thời gian từ ${format(from)} đến ${format(to)}, tài khoản này đã truy cập dữ liệu cá nhân ${counts?.total ?? 0} lần` +
      ` (trong đó ${counts?.exports ?? 0} lần xuất danh sách, ${counts?.reveals ?? 0} lần xem đầy đủ số định danh),` +
      ` liên quan đến ${households.length} hộ gia đình.`,
    'Loại dữ liệu có thể bị ảnh hưởng: họ tên, địa chỉ, hoàn cảnh gia đình, diện hộ nghèo/cận nghèo, thông tin thành viên hộ.',
    'Biện pháp đã thực hiện: khóa tài khoản, thu hồi phiên đăng nhập, rà soát nhật ký truy cập.',
    'Danh sách hộ bị ảnh hưởng kèm theo thông báo này.',
  ].join('\n');
  return {
    userId,
    username: user.username,
    from,
    to,
    accessCount: counts?.total ?? 0,
    exportCount: counts?.exports ?? 0,
    revealCount: counts?.reveals ?? 0,
    households,
    notificationText,
  };
}
