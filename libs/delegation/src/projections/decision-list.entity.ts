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
  @Column('text', { name: 'case_number', nullable: true }) caseNumber: string | null;
  @Column('text', { name: 'document_number', nullable: true }) documentNumber: string | null;
  /** Title, case number and document numbers, folded for search (foldForSearch). */
  @Column('text', { name: 'search_text' }) searchText: string;
  /** The current open deadline (decision-list.projection.ts, currentDeadline). */
  @Column('text', { name: 'deadline_id', nullable: true }) deadlineId: string | null;
  @Column('date', { name: 'deadline_due_on', nullable: true }) deadlineDueOn: string | null;
  /** Whom the decision waits on: the assigned user, or a role in a body. */
  @Column('text', { name: 'waiting_role', nullable: true }) waitingRole: string | null;
  @Column('text', { name: 'waiting_body_id', nullable: true }) waitingBodyId: string | null;
  @Column('text', { name: 'waiting_user_id', nullable: true }) waitingUserId: string | null;
}
