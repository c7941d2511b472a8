import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Read model: one row per decision for lists and the board. Rebuilt from the log on demand. */
@Entity({ name: 'decision_list' })
export class DecisionListEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('int') version: number;
  @Index() @Column('text') kind: string;
  @Index() @Column('text') stage: string;
  @Column('text') title: string;
  @Column('text', { name: 'delegator_body_id' }) delegatorBodyId: string;
  @Index() @Column('text', { name: 'delegate_body_id' }) delegateBodyId: string;
  @Column('text', { name: 'proposer_body_id' }) proposerBodyId: string;
  /** The province of the delegator body: what AccessScope filters on. */
  @Column('text', { name: 'province_id', nullable: true }) provinceId: string | null;
  @Index() @Column('text') sector: string;
  @Column('text', { name: 'power_ids', array: true }) powerIds: string[];
  @Column('int', { name: 'workflow_version' }) workflowVersion: number;
  @Column('date', { name: 'period_from', nullable: true }) periodFrom: string | null;
  @Column('date', { name: 'period_to', nullable: true }) periodTo: string | null;
  @Column('text', { name: 'reviewer_id', nullable: true }) reviewerId: string | null;
  @Column('timestamptz', { name: 'stage_entered_at' }) stageEnteredAt: Date;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
