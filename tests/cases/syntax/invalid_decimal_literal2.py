x = 3rd_place
