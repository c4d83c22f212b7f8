package org.gridstation.gateway.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.testing.TestStores;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TownImportTest {
    @TempDir
    Path dir;
    Database db;
    Town town;
    TownImport importer;

    @BeforeEach
    void open() {
        db = TestStores.open(dir);
        db.start();
        town = new Town(db, ZoneId.of("Asia/Shanghai"), "青溪镇");
        importer = new TownImport(town);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static byte[] bom(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void gridsFromUtf8WithBom_childBeforeParent_andQuotedFields() {
        ImportReport r = importer.run("grids", bom("""
                编号,上级网格,名称\r
                hexing-a1,hexing,"和兴村第一片区"\r
                qingxi,,青溪镇\r
                hexing,qingxi,"和兴村, 总网格"\r
                """), false);
        assertEquals("UTF-8", r.charset());
        assertEquals(List.of(), r.errors());
        assertEquals(3, r.imported());
        assertEquals("和兴村, 总网格", town.grid("hexing").orElseThrow().name());
        assertEquals(2, town.grid("hexing-a1").orElseThrow().level());
    }

    @Test
    void stationsWithTheirCoordinates_forTheMap_andABadCoordinateIsABadRow() {
        importer.run("grids", bom("id,name\nqingxi,青溪镇\n"), false);
        ImportReport r = importer.run("stations", bom("""
                编号,名称,所属网格,纬度,经度
                s-hexing,和兴村党群服务站,qingxi,29.61204,119.04712
                s-fengshou,丰收村党群服务站,qingxi,,
                s-bad,坏站,qingxi,129.5,119.0
                s-half,半站,qingxi,29.6,
                """), false);
        assertEquals(List.of(4, 5), r.errors().stream().map(e -> e.line()).toList(), r.errors().toString());
        assertEquals(0, r.imported(), "nothing from a file with errors unless forced");
        r = importer.run("stations", bom("""
                id,name,grid,lat,lon
                s-hexing,和兴村党群服务站,qingxi,29.61204,119.04712
                s-fengshou,丰收村党群服务站,qingxi,,
                """), false);
        assertEquals(2, r.imported());
        assertEquals(new org.gridstation.gateway.town.Location(29.61204, 119.04712),
                town.station("s-hexing").orElseThrow().location().orElseThrow());
        assertTrue(town.station("s-fengshou").orElseThrow().location().isEmpty());
        importer.run("stations", bom("id,name,grid\ns-hexing,和兴村服务站,qingxi\n"), false);
        assertTrue(town.station("s-hexing").orElseThrow().location().isPresent(), "a re-import without coordinates keeps them");
    }

    @Test
    void peopleFromGbk_asChineseExcelWritesThem() {
        town.addGrid("qingxi", Optional.empty(), "青溪镇");
        byte[] gbk = """
                姓名,编号,身份,网格,电话,职责
                王建国,wang,总网格长,qingxi,13900000001,"统筹全村
                网格工作"
                李秀英,li,志愿者,qingxi,,夜间值班
                """.getBytes(Charset.forName("GBK"));
        ImportReport r = importer.run("people", gbk, false);
        assertEquals("GBK", r.charset());
        assertEquals(List.of(), r.errors());
        assertEquals(2, r.rows());
        assertEquals(Role.GRID_CHIEF, town.person("wang").orElseThrow().role());
        assertEquals("王建国", town.person("wang").orElseThrow().name());
        assertEquals(Optional.of("统筹全村\n网格工作"), town.person("wang").orElseThrow().duties());
        assertEquals(Role.VOLUNTEER, town.person("li").orElseThrow().role());
    }

    @Test
    void badRows_areReportedWithLineNumbers_andNothingIsImportedUnlessForced() {
        town.addGrid("qingxi", Optional.empty(), "青溪镇");
        String csv = """
                id,name,role,grid,phone
                ok1,张三,volunteer,qingxi,
                ,无编号,志愿者,qingxi,
                bad id,李四,志愿者,qingxi,
                ok2,王五,队长,qingxi,
                ok3,赵六,志愿者,nowhere,
                ok4,钱七,志愿者,qingxi,12ab
                ok1,重复,志愿者,qingxi,
                ok5,孙八,Grid member,qingxi,13900000002
                """;
        ImportReport r = importer.run("people", csv.getBytes(StandardCharsets.UTF_8), false);
        assertEquals(8, r.rows());
        assertEquals(0, r.imported());
        assertTrue(town.people().isEmpty(), "nothing imported from a file with errors");
        assertEquals(List.of(
                new ImportReport.RowError(3, "id is empty"),
                new ImportReport.RowError(4, "id must be 1-64 characters of A-Z a-z 0-9 _ -"),
                new ImportReport.RowError(5, "unknown role '队长' (one of 督导员、总网格长、网格指导员、子网格长、网格员、志愿者)"),
                new ImportReport.RowError(6, "grid 'nowhere' does not exist (import grids first)"),
                new ImportReport.RowError(7, "phone must be 5-20 digits"),
                new ImportReport.RowError(8, "id 'ok1' appears twice in the file")), r.errors());

        ImportReport forced = importer.run("people", csv.getBytes(StandardCharsets.UTF_8), true);
        assertTrue(forced.forced());
        assertEquals(2, forced.imported());
        assertEquals(List.of("ok1", "ok5"), town.people().stream().map(p -> p.id()).toList());
        assertEquals(Role.GRID_MEMBER, town.person("ok5").orElseThrow().role());
    }

    @Test
    void aLoopOrAMissingParent_isABadRow_andAMissingColumnRefusesTheFile() {
        town.addGrid("qingxi", Optional.empty(), "青溪镇");
        ImportReport r = importer.run("grids", "id,parent,name\na,b,甲\nb,a,乙\nc,qingxi,丙\nd,x,丁\n".getBytes(StandardCharsets.UTF_8), false);
        assertEquals(List.of(
                new ImportReport.RowError(2, "parent 'b' cannot be imported (a bad row, or the parent chain loops)"),
                new ImportReport.RowError(3, "parent 'a' cannot be imported (a bad row, or the parent chain loops)"),
                new ImportReport.RowError(5, "parent grid 'x' does not exist")), r.errors());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> importer.run("stations", "id,name\ns1,站\n".getBytes(StandardCharsets.UTF_8), false));
        assertEquals("line 1: the header has no column 'grid' (grid / 网格 / 所属网格 / 网格编号)", e.getMessage());
        assertEquals("line 2: a quoted field is not closed", assertThrows(IllegalArgumentException.class,
                () -> importer.run("grids", "id,name\nx,\"open\n".getBytes(StandardCharsets.UTF_8), false)).getMessage());
    }
}
