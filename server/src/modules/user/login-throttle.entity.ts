import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins counted per username, per username at a client address and per address, shared by
 * every app process. The keys are SHA-256 hashes of `account:<username>` and `address:<ip>` (the
 * pair joins the two with `@`), so the table keeps neither the names people typed (sometimes a
 * password in the wrong box) nor their addresses.
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
