import type { DataSource } from 'typeorm';
import { hashPassword, type UserRole } from '@app/identity';

/**
 * Demo users beyond one-per-role of Trà Vinh: a second Trà Vinh proposer (another body), users of the
 * second demo province, Quảng Nam, to show (and test) that provinces and bodies do not see each other,
 * and the national operator, above both.
 */
export const EXTRA_DEMO_USERS: Array<{ username: string; displayName: string; role: UserRole; bodyId: string; email: string }> = [
  { username: 'proposer.xd', displayName: 'Trương Văn Khoa', role: 'proposer', bodyId: 'tv-so-xay-dung', email: 'proposer.xd@travinh.example' },
  { username: 'qn.proposer', displayName: 'Phan Văn Lộc', role: 'proposer', bodyId: 'qn-ubnd-nui-thanh', email: 'qn.proposer@quangnam.example' },
  { username: 'qn.reviewer', displayName: 'Huỳnh Thị Mai', role: 'reviewer', bodyId: 'qn-so-noi-vu', email: 'qn.reviewer@quangnam.example' },
  { username: 'qn.reviewer.lead', displayName: 'Ngô Văn Nam', role: 'reviewer-lead', bodyId: 'qn-so-noi-vu', email: 'qn.reviewer.lead@quangnam.example' },
  { username: 'qn.committee', displayName: 'Lý Thị Oanh', role: 'committee-office', bodyId: 'qn-ubnd', email: 'qn.committee@quangnam.example' },
  { username: 'qn.auditor', displayName: 'Đỗ Văn Phúc', role: 'auditor', bodyId: 'qn-ubnd', email: 'qn.auditor@quangnam.example' },
  { username: 'qn.admin', displayName: 'Quản trị Quảng Nam', role: 'admin', bodyId: 'qn-so-noi-vu', email: 'qn.admin@quangnam.example' },
  // The national operator (queues, the whole log's verification), of no province.
  { username: 'operator', displayName: 'Vận hành hệ thống', role: 'operator', bodyId: 'vn-bo-noi-vu', email: 'operator@moha.example' },
];

/** Inserts EXTRA_DEMO_USERS with the demo password (after the demo bodies exist); running it again changes nothing. */
export async function seedExtraDemoUsers(db: DataSource, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await db.transaction(async (m) => {
    for (const u of EXTRA_DEMO_USERS) {
      await m.query(
        `INSERT INTO users (id, username, display_name, password_hash, role, body_id, email)
         SELECT $1,$2,$3,$4,$5,$6,$7 WHERE EXISTS (SELECT 1 FROM bodies WHERE id = $6)
         ON CONFLICT (username) DO NOTHING`,
        [`user-${u.username}`, u.username, u.displayName, hash, u.role, u.bodyId, u.email],
      );
    }
  });
}
