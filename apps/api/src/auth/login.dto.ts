import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginRequest {
  @ApiProperty({ description: 'Tên đăng nhập / user name', example: 'proposer' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username: string;

  @ApiProperty({ description: 'Mật khẩu / password', example: 'PhanCap@2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class LoginResponse {
  @ApiProperty({ description: 'JWT access token (HS256); send it as `Authorization: Bearer <token>`' })
  accessToken: string;
  @ApiProperty({ description: 'Token lifetime, e.g. 8h' })
  expiresIn: string;
  @ApiProperty({ description: 'Người đăng nhập: mã, tên, vai trò, cơ quan, tỉnh / who logged in: id, name, role, body and province' })
  user: { id: string; username: string; displayName: string; role: string; bodyId: string; provinceId: string };
}
