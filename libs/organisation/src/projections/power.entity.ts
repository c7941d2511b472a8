import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A state-management power (nhiệm vụ, quyền hạn) from the catalogue. */
@Entity({ name: 'powers' })
export class PowerEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') code: string;
  @Column('text', { name: 'title_vi' }) titleVi: string;
  @Column('text', { name: 'title_en' }) titleEn: string;
  @Column('text') sector: string;
  /** The body that holds the power by law (phân quyền) before any delegation. */
  @Column('text', { name: 'legal_holder_body_id' }) legalHolderBodyId: string;
  @Column('text', { name: 'legal_source' }) legalSource: string;
  @Column('boolean') delegable: boolean;
  @Column('text', { name: 'procedure_codes', array: true, default: () => "'{}'" }) procedureCodes: string[];
  /** The version of the power's stream (`power:<id>`) this row shows. */
  @Column('int', { default: 1 }) version: number;
  /** Retired from the catalogue: no longer delegable in a new proposal. */
  @Column('boolean', { default: false }) retired: boolean;
}
