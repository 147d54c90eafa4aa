import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins counted per account and per client address, shared by every app process. The key
 * is a SHA-256 of `account:<username>` or `address:<ip>`, so the table keeps neither the names
 * people typed (sometimes a password in the wrong box) nor their addresses.
 */
@Entity('login_throttles')
export class LoginThrottle {
  @PrimaryColumn({ type: 'text' })
  key: string;

  /** Attempts in the current window that did not succeed (one in progress counts too). */
  @Column({ type: 'integer', default: 0 })
  failures: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  windowStartedAt: Date;

  /** Sign-ins for this key are refused until then. */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
}
