import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * Columns every business record has. `version` is bumped by each update and checked when the
 * caller sends the version it edited, so two people editing one record cannot overwrite each other.
 */
@ObjectType()
export abstract class BaseRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => Int, {
    description: 'Increases with every update; send it back to detect edits made meanwhile.',
  })
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
