use super::*;

#[test]
fn the_users_id_stands_for_the_stores_zero_and_the_rest_shift_around_it() {
    let m = Map::new(1000, 65537).unwrap();
    assert_eq!(m.text(), "0 1 1000\n1000 0 1\n1001 1001 64536\n");
    // The kernel asks about the store's ids; the container sees the image's.
    assert_eq!(
        m.outside(0),
        1,
        "root of the image is the store's 1 outside"
    );
    assert_eq!(m.outside(1000), 0);
    assert_eq!(m.outside(999), 1000);
    assert_eq!(m.outside(1001), 1001);
    assert_eq!(m.outside(65536), 65536);
    assert_eq!(m.outside(70000), OVERFLOW_ID);
    for id in [0, 1, 999, 1000, 1001, 65536] {
        assert_eq!(m.inside(m.outside(id)), id, "round trip of {id}");
    }
}

#[test]
fn an_id_past_the_store_maps_alone_and_zero_needs_no_low_range() {
    let m = Map::new(100_000, 65537).unwrap();
    assert_eq!(m.text(), "0 1 65536\n100000 0 1\n");
    assert_eq!(m.inside(0), 100_000);
    assert_eq!(m.inside(1), 0);
    let z = Map::new(0, 65537).unwrap();
    assert_eq!(z.text(), "0 0 1\n1 1 65536\n");
    assert_eq!(z.outside(5), 5);
    let top = Map::new(65536, 65537).unwrap();
    assert_eq!(top.text(), "0 1 65536\n65536 0 1\n");
    assert!(
        Map::new(1000, 1).is_none(),
        "a single-uid store has no room"
    );
}

#[test]
fn the_store_size_is_the_end_of_its_highest_range() {
    assert_eq!(
        map_total("         0       1000          1\n         1     100000      65536\n"),
        65537
    );
    assert_eq!(map_total("0 1000 1\n"), 1);
    assert_eq!(map_total(""), 0);
}

#[test]
fn identity_shows_owners_unchanged() {
    let ids = IdShift::default();
    let mut st = crate::sys::stat64::zeroed();
    st.st_uid = 7;
    st.st_gid = 8;
    ids.show(&mut st);
    assert_eq!((st.st_uid, st.st_gid), (7, 8));
    let ids = IdShift {
        uid: Map::new(1000, 65537).unwrap(),
        gid: Map::new(100, 65537).unwrap(),
    };
    ids.show(&mut st);
    assert_eq!((st.st_uid, st.st_gid), (8, 9));
}

fn alice() -> HostUser {
    HostUser {
        name: "alice".into(),
        gecos: "Alice A".into(),
        home: "/home/alice".into(),
        group: Some("staff".into()),
    }
}

#[test]
fn the_user_gets_a_passwd_line_only_when_the_image_has_neither_name_nor_uid() {
    let passwd = "root:x:0:0:root:/root:/bin/sh\nbob:x:1001:1001::/home/bob:/bin/sh\n";
    assert_eq!(
        passwd_line(passwd, &alice(), 1000, 50, "/w").as_deref(),
        Some("alice:*:1000:50:Alice A:/w:/bin/sh\n")
    );
    assert_eq!(passwd_line(passwd, &alice(), 1001, 50, "/w"), None);
    let named = "alice:x:5:5::/:/bin/sh\n";
    assert_eq!(passwd_line(named, &alice(), 1000, 50, "/w"), None);
}

#[test]
fn the_group_line_is_added_for_a_missing_gid_under_a_free_name() {
    let group = "root:x:0:\nusers:x:100:\n";
    assert_eq!(
        group_line(group, &alice(), 50).as_deref(),
        Some("staff:x:50:alice\n")
    );
    assert_eq!(group_line(group, &alice(), 100), None);
    assert_eq!(group_line("staff:x:7:\n", &alice(), 50), None);
}

#[test]
fn the_home_is_the_users_own_only_when_a_mount_brings_it() {
    let u = alice();
    assert_eq!(u.home_inside(&[], "/home/podman"), "/home/podman");
    assert_eq!(u.home_inside(&["/home/xalice"], "/w"), "/w");
    assert_eq!(u.home_inside(&["/home/alice"], "/w"), "/home/alice");
    assert_eq!(u.home_inside(&["/home"], "/w"), "/home/alice");
    assert_eq!(u.home_inside(&["/"], "/w"), "/w");
}

#[test]
fn the_users_host_id_is_the_outside_of_zero() {
    assert_eq!(
        outside_of_zero("         0       1000          1\n         1     100000      65536\n"),
        Some(1000)
    );
    assert_eq!(outside_of_zero("1 5 2\n"), None);
}
