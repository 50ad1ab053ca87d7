import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One setting of the passes module (guardrail switch, daily pass limit, void window); absent: its default. */
@Entity('passes_settings')
export class PassesSetting {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  key: string;

  @Column({ type: 'varchar', length: 100 })
  value: string;

  @Column({ type: 'varchar', length: 32, name: 'updated_at' })
  updatedAt: string;

  @Column({ type: 'varchar', length: 36, nullable: true, name: 'updated_by' })
  updatedBy: string | null;
}
