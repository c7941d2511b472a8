import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';

/*
 * The floor's request body: the same fields and about as many class-validator constraints as phancap's
 * ProposeRequest (apps/api/src/decisions/content.dto.ts), so the floor pays for validating a body of
 * the same size and shape. No OpenAPI decorators: they cost nothing per request.
 */

class FloorResources {
  @IsInt() @Min(0) @Max(1e15) budgetVnd: number;
  @IsInt() @Min(0) @Max(100000) staffPositions: number;
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(500, { each: true }) facilities: string[];
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(5000) noResourcesReason?: string;
}

class FloorPeriod {
  @IsString() @MaxLength(10) from: string;
  @IsString() @MaxLength(10) to: string;
}

class FloorDocument {
  @IsString() @IsNotEmpty() @MaxLength(500) title: string;
  @IsString() @IsNotEmpty() @MaxLength(500) reference: string;
  @IsOptional() @IsString() @MaxLength(64) contentHash?: string;
}

export class FloorProposal {
  @IsIn(['phan-cap', 'uy-quyen']) kind: string;
  @IsString() @IsNotEmpty() @MaxLength(500) title: string;
  @IsString() @IsNotEmpty() @MaxLength(100) delegatorBodyId: string;
  @IsString() @IsNotEmpty() @MaxLength(100) delegateBodyId: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsString({ each: true }) @IsNotEmpty({ each: true }) powerIds: string[];
  @IsString() @IsNotEmpty() @MaxLength(100) sector: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(500, { each: true }) legalBasis: string[];
  @ValidateNested() @Type(() => FloorResources) resources: FloorResources;
  @IsOptional() @ValidateNested() @Type(() => FloorPeriod) period?: FloorPeriod;
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(5000, { each: true }) conditions: string[];
  @IsString() @IsNotEmpty() @MaxLength(5000) justification: string;
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => FloorDocument) documents: FloorDocument[];
}
