import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AuditService } from '@app/audit';
import { ProblemException } from '@app/kernel';
import { RequirePermission } from '../access/permission.decorator.js';

const MAX = Number.MAX_SAFE_INTEGER;
const int = (field: string, min: number) => ({ message: `${field} must be an integer of at least ${min} / ${field} phải là số nguyên, tối thiểu ${min}` });

export class TreeHeadsQuery {
  @ApiPropertyOptional({ description: 'Kích thước cây / tree size: only the signed head of that size' })
  @IsOptional() @Type(() => Number) @IsInt(int('size', 1)) @Min(1, int('size', 1)) @Max(MAX, int('size', 1))
  size?: number;
}

export class InclusionQuery {
  @ApiProperty({ description: 'Vị trí toàn cục của sự kiện / the event\'s global position' })
  @Type(() => Number) @IsInt(int('position', 1)) @Min(1, int('position', 1)) @Max(MAX, int('position', 1))
  position!: number;

  @ApiPropertyOptional({ description: 'Kích thước cây / tree size (default: the newest signed tree head, else the whole tree)' })
  @IsOptional() @Type(() => Number) @IsInt(int('size', 1)) @Min(1, int('size', 1)) @Max(MAX, int('size', 1))
  size?: number;
}

export class ConsistencyQuery {
  @ApiProperty({ description: 'Kích thước cây cũ / the older tree size' })
  @Type(() => Number) @IsInt(int('from', 1)) @Min(1, int('from', 1)) @Max(MAX, int('from', 1))
  from!: number;

  @ApiProperty({ description: 'Kích thước cây mới / the newer tree size' })
  @Type(() => Number) @IsInt(int('to', 1)) @Min(1, int('to', 1)) @Max(MAX, int('to', 1))
  to!: number;
}

const beyond = (field: string, value: number, current: number) => new ProblemException(400, 'invalid-request',
  { vi: 'Yêu cầu không hợp lệ', en: 'Invalid request' },
  { vi: `${field} = ${value} vượt quá kích thước cây hiện tại (${current}).`, en: `${field} = ${value} is beyond the tree's current size (${current}).` },
  { errors: [{ field, message: { vi: `vượt quá ${current}`, en: `beyond ${current}` } }] });

/**
 * The Merkle tree over the log (RFC 9162): signed tree heads and the proofs an outsider checks against
 * them (inclusion of one event; one tree being a prefix of a later one), without seeing the rest.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class TreeController {
  constructor(private readonly audit: AuditService) {}

  @Get('tree-heads')
  @RequirePermission('log:verify')
  @ApiOperation({
    summary: 'Các đầu cây đã ký / the signed tree heads',
    description: 'Các đầu cây Merkle đã ký và công bố (mới nhất trước), hoặc đầu cây có kích thước `size`. / The signed, published '
      + 'Merkle tree heads (newest first), or the one of size `size`.',
  })
  @ApiOkResponse({ description: '`{ items: [{ treeSize, rootHash, timestamp, keyId, signature, checkpoint }] }`' })
  async treeHeads(@Query() q: TreeHeadsQuery) {
    const items = await this.audit.treeHeads(q.size);
    if (q.size !== undefined && items.length === 0) {
      throw new ProblemException(404, 'tree-head-not-found', { vi: 'Không có đầu cây', en: 'No tree head' },
        { vi: `Chưa công bố đầu cây nào có kích thước ${q.size}.`, en: `No tree head of size ${q.size} was published.` }, { size: q.size });
    }
    return { items };
  }

  @Get('proofs/inclusion')
  @RequirePermission('log:verify')
  @ApiOperation({
    summary: 'Bằng chứng bao hàm / inclusion proof',
    description: 'Đường kiểm tra RFC 9162 của sự kiện tại `position` trong cây kích thước `size`. / The RFC 9162 audit path of the event '
      + 'at `position` in the tree of size `size`.',
  })
  @ApiOkResponse({ description: '`{ globalPosition, logSeq, leafIndex, treeSize, leafHash, path[], rootHash, treeHead? }`' })
  async inclusion(@Query() q: InclusionQuery) {
    const sizes = await this.audit.treeSizes();
    const size = q.size ?? sizes.signed ?? sizes.current;
    if (size > sizes.current) throw beyond('size', size, sizes.current);
    const proof = await this.audit.inclusionProof(q.position, size);
    if (proof === undefined || proof === 'beyond') {
      throw new ProblemException(404, 'event-not-in-tree', { vi: 'Sự kiện không có trong cây', en: 'Event not in the tree' },
        {
          vi: `Sự kiện tại vị trí ${q.position} ${proof === 'beyond' ? `nằm sau cây kích thước ${size}` : 'không có hoặc chưa được xâu chuỗi'}.`,
          en: `The event at position ${q.position} ${proof === 'beyond' ? `comes after the tree of size ${size}` : 'does not exist or is not chained yet'}.`,
        }, { position: q.position, size });
    }
    const [treeHead] = await this.audit.treeHeads(size);
    return { ...proof, ...(treeHead ? { treeHead } : {}) };
  }

  @Get('proofs/consistency')
  @RequirePermission('log:verify')
  @ApiOperation({
    summary: 'Bằng chứng nhất quán / consistency proof',
    description: 'Bằng chứng RFC 9162 rằng cây kích thước `from` là tiền tố của cây kích thước `to`. / The RFC 9162 proof that the tree '
      + 'of size `from` is a prefix of the tree of size `to`.',
  })
  @ApiOkResponse({ description: '`{ from, to, fromRoot, toRoot, proof[] }`' })
  async consistency(@Query() q: ConsistencyQuery) {
    const { current } = await this.audit.treeSizes();
    if (q.from > q.to) {
      throw new ProblemException(400, 'invalid-request', { vi: 'Yêu cầu không hợp lệ', en: 'Invalid request' },
        { vi: `from (${q.from}) phải không lớn hơn to (${q.to}).`, en: `from (${q.from}) must not exceed to (${q.to}).` },
        { errors: [{ field: 'from', message: { vi: 'lớn hơn to', en: 'greater than to' } }] });
    }
    if (q.to > current) throw beyond('to', q.to, current);
    return this.audit.consistencyProof(q.from, q.to);
  }
}
