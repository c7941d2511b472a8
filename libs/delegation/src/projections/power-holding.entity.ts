import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Read model: who holds a power by delegation, over a validity interval [validFrom, validTo)
 * (validTo exclusive, null = open-ended). Derived from each decision's events; rebuilt on demand.
 */
@Entity({ name: 'power_holdings' })
@Index(['powerId', 'validFrom'])
@Index(['holderBodyId', 'validFrom'])
export class PowerHoldingEntity {
  @PrimaryColumn('uuid', { name: 'decision_id' }) decisionId: string;
  @PrimaryColumn('int') seq: number;
  @Column('text', { name: 'power_id' }) powerId: string;
  @Column('text', { name: 'holder_body_id' }) holderBodyId: string;
  @Column('text', { name: 'delegator_body_id' }) delegatorBodyId: string;
  @Column('text') kind: string;
  @Column('date', { name: 'valid_from' }) validFrom: string;
  @Column('date', { name: 'valid_to', nullable: true }) validTo: string | null;
}
