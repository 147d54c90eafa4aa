import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import { Role } from '../../common/roles';
import { MIN_PASSWORD_LENGTH, createUser, generatePassword } from '../../modules/user/auth.service';
import { User } from '../../modules/user/user.entity';

/**
 * Makes sure someone can sign in. There is never a fixed default password: production takes it from
 * ADMIN_PASSWORD; elsewhere a random one is generated on first start and kept in the
 * git-ignored data folder (and shown once to a person at the terminal), never in a log line.
 */
export async function ensureAdmin(
  db: DataSource,
  config: Pick<Config, 'production' | 'adminUsername' | 'adminPassword' | 'dataDir'>,
): Promise<{ username: string; passwordHint: string; generatedPassword?: string }> {
  const passwordFile = path.join(config.dataDir, 'admin-password.txt');
  // An administrator, not any user: the demo data brings officers nobody can sign in as yet
  // (seed/demo-approvals.ts), and a reset database reloads them before the first start.
  const existing = await db.getRepository(User).count({ where: { role: Role.ADMIN } });
  if (existing > 0) {
    const hint = config.adminPassword
      ? 'with ADMIN_PASSWORD'
      : existsSync(passwordFile)
        ? `with the password in ${passwordFile}`
        : 'with the password printed on first start';
    return { username: config.adminUsername, passwordHint: hint };
  }
  if (config.production && !config.adminPassword) {
    throw new Error(
      'NODE_ENV=production needs ADMIN_PASSWORD (at least 12 characters) to create the first admin.',
    );
  }
  if (config.adminPassword && config.adminPassword.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const password = config.adminPassword ?? generatePassword();
  await createUser(db, {
    username: config.adminUsername,
    displayName: 'Quản trị hệ thống',
    password,
    role: Role.ADMIN,
  });
  if (config.adminPassword)
    return { username: config.adminUsername, passwordHint: 'with ADMIN_PASSWORD' };
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  chmodSync(passwordFile, 0o600);
  return {
    username: config.adminUsername,
    // The hint goes to the log; the password itself only to a person at the terminal.
    passwordHint: `with the password in ${passwordFile} (generated now)`,
    generatedPassword: password,
  };
}
