import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@app/delegation';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { unique: true }) username: string;
  @Column('text', { name: 'display_name' }) displayName: string;
  @Column('text', { name: 'password_hash' }) passwordHash: string;
  @Column('text') role: Role;
  @Column('text', { name: 'body_id' }) bodyId: string;
  @Column('boolean', { default: true }) active: boolean;
}
