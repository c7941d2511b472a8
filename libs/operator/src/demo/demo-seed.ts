import type { DataSource } from 'typeorm';
import { hashPassword } from '@app/identity';
import type { BodyStore, PowerStore } from '@app/organisation';
import {
  DEMO_BODIES, DEMO_BODIES_ESTABLISHED_ON, DEMO_BODY_HEADS, DEMO_LEGAL_DOCUMENTS, DEMO_PASSWORD, DEMO_POWERS, DEMO_POWERS_DEFINED_ON, DEMO_USERS,
} from './demo-data.js';

/**
 * Inserts the demo province, catalogue and users; running it again changes nothing. Each demo body is
 * established through its event stream (BodyEstablished), so its history answers GET /bodies?at=;
 * a body whose stream already exists is left as it is. Each demo power is defined the same way through
 * its `power:<id>` stream (PowerDefined), which writes its `powers` row and its first version.
 */
export async function seedDemo(
  dataSource: DataSource,
  stores: { bodies: BodyStore; powers: PowerStore },
  now: () => Date = () => new Date(),
): Promise<void> {
  const { bodies, powers } = stores;
  for (const b of DEMO_BODIES) {
    if (await bodies.exists(b.id)) continue;
    const outcome = await bodies.execute(
      b.id,
      {
        type: 'establish',
        data: {
          bodyId: b.id, nameVi: b.nameVi, nameEn: b.nameEn, level: b.level, type: b.type, parentId: b.parentId,
          provinceId: b.provinceId, ...(b.territory != null && { territory: b.territory }), effectiveFrom: DEMO_BODIES_ESTABLISHED_ON,
        },
      },
      { actorId: 'system', actorRole: 'system', actorBodyId: 'system', occurredAt: now().toISOString(), correlationId: 'demo-seed' },
    );
    if (!outcome.ok) throw new Error(`Demo body ${b.id} could not be established: ${JSON.stringify(outcome.refusal)}`);
  }
  for (const p of DEMO_POWERS) {
    if (await powers.exists(p.id)) continue;
    const { id, ...attrs } = p;
    const outcome = await powers.execute(
      id,
      { type: 'define', data: { powerId: id, ...attrs, procedureCodes: [...attrs.procedureCodes], effectiveFrom: DEMO_POWERS_DEFINED_ON } },
      { actorId: 'system', actorRole: 'system', actorBodyId: 'system', occurredAt: now().toISOString(), correlationId: 'demo-seed' },
    );
    if (!outcome.ok) throw new Error(`Demo power ${id} could not be defined: ${JSON.stringify(outcome.refusal)}`);
  }
  await dataSource.transaction(async (m) => {
    const hash = await hashPassword(DEMO_PASSWORD);
    for (const u of DEMO_USERS) {
      await m.query(
        `INSERT INTO users (id, username, display_name, password_hash, role, body_id)
         VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (username) DO NOTHING`,
        [`user-${u.username}`, u.username, u.displayName, hash, u.role, u.bodyId],
      );
      await m.query(`UPDATE users SET email = $2 WHERE username = $1 AND email IS NULL`, [u.username, `${u.username}@travinh.example`]);
    }
    for (const [id, head] of Object.entries(DEMO_BODY_HEADS)) {
      await m.query(`UPDATE bodies SET head_name = $2, head_email = $3 WHERE id = $1 AND head_email IS NULL`, [id, head.name, head.email]);
    }
    for (const d of DEMO_LEGAL_DOCUMENTS) {
      await m.query(
        `INSERT INTO legal_documents (number, title, in_force_from, in_force_until) VALUES ($1,$2,$3,$4) ON CONFLICT (number) DO NOTHING`,
        [d.number, d.title, d.inForceFrom, d.inForceUntil],
      );
    }
  });
}
