import { Column, Entity, PrimaryColumn } from 'typeorm';

export type BodyLevel = 'province' | 'district' | 'commune';
export type BodyType = 'ubnd' | 'hdnd' | 'so' | 'phong' | 'office' | 'inspectorate';

/** A state body: a People's Committee or Council, a department, an office. Reference data for now. */
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
}
