import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { BodyLevel, BodyStatus, BodyType } from '../domain/types.js';

export type { BodyLevel, BodyStatus, BodyType };

/**
 * A state body as it is now: the current view of its `body:<id>` stream (see body-store.ts); its
 * history, as of any date, is in `body_versions`.
 */
@Entity({ name: 'bodies' })
export class BodyEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'name_vi' }) nameVi: string;
  @Column('text', { name: 'name_en' }) nameEn: string;
  @Column('text') level: BodyLevel;
  @Column('text') type: BodyType;
  @Column('text', { name: 'parent_id', nullable: true }) parentId: string | null;
  @Column('text', { name: 'province_id' }) provinceId: string;
  @Column('text', { nullable: true }) territory: string | null;
  @Column('text', { default: 'active' }) status: BodyStatus;
  @Column('date', { name: 'ended_on', nullable: true }) endedOn: string | null;
  @Column('text', { name: 'successor_id', nullable: true }) successorId: string | null;
}
