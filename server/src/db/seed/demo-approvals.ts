import type { EntityManager } from 'typeorm';
import { Role } from '../../common/roles';
import { generatePassword, hashPassword } from '../../modules/user/auth.service';
import { User } from '../../modules/user/user.entity';
import type { DemoProgram } from './demo';

/**
 * A SAMPLE setting, not from the article: each demo fund asks a second person to approve any
 * disbursement above 10,000,000 đồng, so the 200 medicine kits "worth about 20 million đồng"
 * need approval while the two gift disbursements (5 and 6 million) do not.
 */
export const DEMO_APPROVAL_THRESHOLD = 10_000_000;

const SAMPLE_NOTE =
  'Ngưỡng phê duyệt chi 10.000.000 đ là thiết lập mẫu của bản dùng thử (mẫu), không có trong bài báo.';

/**
 * Two officers per demo agency to show the two-person approval (one prepares and submits, the other
 * approves from "Chờ duyệt chi"). They get no known password: a random one is hashed and thrown
 * away, so nobody signs in as them until an administrator sets a password in "Người dùng" (at least
 * 12 characters, as for every account). Their names are their jobs, marked (mẫu).
 */
export const DEMO_APPROVAL_USERS = [
  {
    username: 'tuphap.lapchi',
    displayName: 'Cán bộ lập chi – Sở Tư pháp (mẫu)',
    agency: 'justice',
  },
  {
    username: 'tuphap.duyetchi',
    displayName: 'Cán bộ duyệt chi – Sở Tư pháp (mẫu)',
    agency: 'justice',
  },
  { username: 'khoi.lapchi', displayName: 'Cán bộ lập chi – Đảng ủy khối (mẫu)', agency: 'bloc' },
  {
    username: 'khoi.duyetchi',
    displayName: 'Cán bộ duyệt chi – Đảng ủy khối (mẫu)',
    agency: 'bloc',
  },
] as const;

/** Runs after seedFunds: sets the sample threshold on the demo funds and adds the demo officers. */
export async function seedApprovals(em: EntityManager, program: DemoProgram): Promise<void> {
  await em.query(
    `UPDATE funds SET approval_threshold = $1, notes = concat_ws(' ', notes, $2::text)
      WHERE organization_id = ANY($3::uuid[])`,
    [DEMO_APPROVAL_THRESHOLD, SAMPLE_NOTE, [program.blocId, program.justiceId]],
  );
  for (const user of DEMO_APPROVAL_USERS) {
    await em.insert(User, {
      username: user.username,
      displayName: user.displayName,
      passwordHash: await hashPassword(generatePassword()),
      role: Role.AGENCY_OFFICER,
      organizationId: user.agency === 'justice' ? program.justiceId : program.blocId,
    });
  }
}
